import type { ReactNode } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import 'dayjs/locale/zh-cn';
import { useI18n } from './i18n.js';

/**
 * antd's configuration (locale, theme) and App context (message / modal / notification) for the pages
 * that use antd: the shell and the first-run setup. It is loaded with them, lazily, so the login page —
 * plain React and one stylesheet — sends none of antd (decision 020).
 */
export function AntdFrame({ children }: { children: ReactNode }) {
  const { lang } = useI18n();
  return (
    <ConfigProvider
      locale={lang === 'zh' ? zhCN : enUS}
      theme={{ token: { colorPrimary: '#c8161d', borderRadius: 4 } }}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}
