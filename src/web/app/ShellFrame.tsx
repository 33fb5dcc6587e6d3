import { App as AntApp } from 'antd';
import Shell from './Shell.js';

/**
 * The logged-in frame inside antd's App (message / modal / notification context). It sits here, in the
 * lazily loaded shell, not around the whole app, so the login page's bytes do not carry it (decision 020).
 */
export default function ShellFrame() {
  return (
    <AntApp>
      <Shell />
    </AntApp>
  );
}
