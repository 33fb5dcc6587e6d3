import { useI18n, type Lang } from '../app/i18n.js';
import './lang-switch.css';

const OPTIONS: { label: string; value: Lang }[] = [
  { label: '中文', value: 'zh' },
  { label: 'EN', value: 'en' },
];

/** 中文 | EN, drawn like antd's small Segmented but plain, as the login page shows it before antd loads (decision 020). */
export function LangSwitch() {
  const { lang, setLang } = useI18n();
  return (
    <div className="xf-lang" role="radiogroup" aria-label="语言 / Language" data-testid="lang-switch">
      {OPTIONS.map((o) => (
        <button
          key={o.value}
          type="button"
          role="radio"
          aria-checked={lang === o.value}
          className={lang === o.value ? 'xf-lang-on' : undefined}
          onClick={() => setLang(o.value)}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}
