import { Segmented } from 'antd';
import { useI18n } from '../app/i18n.js';

export function LangSwitch() {
  const { lang, setLang } = useI18n();
  return (
    <Segmented
      size="small"
      data-testid="lang-switch"
      value={lang}
      onChange={(v) => setLang(v as 'zh' | 'en')}
      options={[
        { label: '中文', value: 'zh' },
        { label: 'EN', value: 'en' },
      ]}
    />
  );
}
