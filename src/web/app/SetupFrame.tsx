import { AntdFrame } from './AntdFrame.js';
import SetupPage from '../pages/SetupPage.js';

/** The first-run setup page, loaded on its own with antd (decision 020). */
export default function SetupFrame() {
  return (
    <AntdFrame>
      <SetupPage />
    </AntdFrame>
  );
}
