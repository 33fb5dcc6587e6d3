import { hostname, userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { openForCli } from './open.js';
import { AppError } from '../errors.js';
import { breakGlassReset } from '../modules/auth/index.js';
import type { AdminRole } from '../../shared/roles.js';

/**
 * npm run admin:reset -- --user <name> [--role sysadmin|secadmin|auditor] [--password <pw> | --keep-password]
 *
 * The server-side break-glass for 三员 accounts (no account inside the system may reset or re-role
 * an administrator). Prints what it did; the change is written to the audit log.
 */
const USAGE =
  '用法 / usage: npm run admin:reset -- --user <用户名> [--role sysadmin|secadmin|auditor] [--password <临时密码> | --keep-password]';
let args;
try {
  args = parseArgs({
    options: {
      user: { type: 'string' },
      role: { type: 'string' },
      password: { type: 'string' },
      'keep-password': { type: 'boolean', default: false },
    },
  }).values;
} catch (e) {
  console.error(`${(e as Error).message}\n${USAGE}`);
  process.exit(2);
}
if (!args.user) {
  console.error(USAGE);
  process.exit(2);
}
const { ctx, database } = await openForCli('admin-reset');
let operator = 'unknown';
try {
  operator = `${userInfo().username}@${hostname()}`;
} catch {
  // no passwd entry (some containers): keep "unknown"
}
try {
  const r = await breakGlassReset(ctx, {
    username: args.user,
    role: args.role as AdminRole | undefined,
    password: args.password,
    keepPassword: args['keep-password'],
    operator,
  });
  console.log(`已处置账号 / reset account: ${r.username} (id ${r.userId})`);
  console.log(`  角色 / roles: ${r.rolesBefore.join(',') || '(无)'} → ${r.rolesAfter.join(',') || '(无)'}`);
  console.log(`  状态 / status: ${r.wasDisabled ? '已停用 → 已启用' : '正常'}；锁定已解除，原有会话已全部结束`);
  if (r.temporaryPassword)
    console.log(
      `  临时密码 / temporary password: ${r.temporaryPassword}（首次登录须修改 / must be changed at first login）`,
    );
  else console.log('  密码未改动 / password unchanged');
  console.log(`  已写入审计日志（操作人 ${operator}）/ written to the audit log`);
} catch (e) {
  console.error(e instanceof AppError ? e.text.zh : (e as Error).message);
  process.exitCode = 1;
} finally {
  await database.close();
}
