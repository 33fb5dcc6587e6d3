import { AntdFrame } from './AntdFrame.js';
import Shell from './Shell.js';

/** The logged-in frame, loaded after login with antd (decision 020). */
export default function ShellFrame() {
  return (
    <AntdFrame>
      <Shell />
    </AntdFrame>
  );
}
