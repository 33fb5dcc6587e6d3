import { onEvent } from '../../events.js';
import { clearAttempts } from './login-attempts.js';
import { deleteUserSessions } from './session.repository.js';

// The users module changes accounts; the sessions and login locks are this module's, ended or
// lifted in the same transaction as the account change (imported once from ./index.ts).
onEvent('user.disabled', async (tx, _ctx, _who, { userId }) => {
  await deleteUserSessions(tx, userId);
});

onEvent('user.passwordReset', async (tx, _ctx, _who, { userId, username }) => {
  await deleteUserSessions(tx, userId);
  await clearAttempts(tx, username);
});

onEvent('user.unlocked', async (tx, _ctx, _who, { username }) => {
  await clearAttempts(tx, username);
});
