import { ConfigError, parseConfig } from './config.js';
import { databaseOptionsFromConfig, openDatabase } from './db/client.js';
import { DataDirLockedError } from './db/lock.js';
import { loggerOptions } from './app.js';
import { loadSecretKey } from './crypto/secret-key.js';
import { startApp } from './start.js';
import { startScheduler } from './jobs/scheduler.js';
import { JOBS } from './jobs/index.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './seed/demo-region.js';
import { demoListenNotice } from './demo-listen.js';
import { startBackupTrigger } from './backup/backup.trigger.js';
import { startTaskWorker } from './modules/tasks/index.js';

/** Reads config, opens and migrates the database, bootstraps data, listens; stops cleanly on SIGTERM. */
async function main(): Promise<void> {
  let config;
  try {
    config = parseConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`配置错误 / configuration errors:\n${e.problems.map((p) => `  - ${p}`).join('\n')}`);
      process.exit(2);
    }
    throw e;
  }
  let database;
  try {
    database = await openDatabase(databaseOptionsFromConfig(config, 'server'));
  } catch (e) {
    if (e instanceof DataDirLockedError) {
      console.error(e.message);
      process.exit(3);
    }
    console.error(`无法打开数据库 / cannot open the database: ${(e as Error).message}`);
    process.exit(4);
  }
  const { app, boot } = await startApp({
    database,
    config,
    secretKeyHex: loadSecretKey(config),
    logger: loggerOptions(config.logLevel),
  });
  const scheduler = startScheduler(app.ctx, JOBS);
  const taskWorker = startTaskWorker(app.ctx);
  // `npm run backup` asks this process to back up the data directory only it may open.
  const backupTrigger = database.kind === 'pglite' ? await startBackupTrigger(app.ctx, config.dataDir) : undefined;

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    const force = setTimeout(() => {
      app.log.error('shutdown took longer than 20 s; exiting');
      process.exit(1);
    }, 20_000).unref();
    try {
      await app.close();
      await scheduler.stop();
      await taskWorker.stop();
      await backupTrigger?.close();
      await database.close();
      clearTimeout(force);
      process.exit(0);
    } catch (err) {
      app.log.error({ err }, 'error during shutdown');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  const where = database.kind === 'pglite' ? `PGlite ${config.dataDir}` : 'PostgreSQL';
  const shownHost = ['0.0.0.0', '::'].includes(config.host) ? 'localhost' : config.host;
  console.log(
    `\n先锋 Xianfeng 已启动 / started: http://${shownHost}:${config.port}  (监听 / listening on ${config.host}; 数据库 / database: ${where})`,
  );
  for (const line of demoListenNotice(config)) console.log(line);
  if (config.clockStart)
    console.log(`测试时钟 / test clock: started at ${config.clockStart.toISOString()} (NODE_ENV=test)`);
  if (boot.demoLoaded)
    console.log(
      `已载入演示数据 / demo data loaded. 演示账号 / demo accounts (密码 / password ${DEMO_PASSWORD}): ${DEMO_ACCOUNTS.map((a) => a.username).join(', ')}`,
    );
  if (boot.setupToken) {
    console.log('\n================ 首次启动 / FIRST START ================');
    console.log(`请打开 http://localhost:${config.port}/setup 为系统管理员 admin 设置密码。`);
    console.log(`初始化口令 / setup token: ${boot.setupToken}   （仅显示一次 / shown once）`);
    console.log('========================================================\n');
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
