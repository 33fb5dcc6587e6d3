import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';

export type Lang = 'zh' | 'en';

const STORAGE_KEY = 'xf_lang';

function initialLang(): Lang {
  const saved = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null;
  return saved === 'en' ? 'en' : 'zh';
}

let currentLang: Lang = initialLang();

/** The language outside React (the API client sends it as X-Lang). */
export function getLang(): Lang {
  return currentLang;
}

interface I18n {
  lang: Lang;
  setLang(l: Lang): void;
  /** Every label is written in both languages where it is used: tr('用户名', 'Username'). */
  tr(zh: string, en: string): string;
}

const Ctx = createContext<I18n>({ lang: 'zh', setLang: () => undefined, tr: (zh) => zh });

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(currentLang);
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang(l) {
        currentLang = l;
        localStorage.setItem(STORAGE_KEY, l);
        document.documentElement.lang = l === 'zh' ? 'zh-CN' : 'en';
        setLangState(l);
      },
      tr: (zh, en) => (lang === 'zh' ? zh : en),
    }),
    [lang],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useI18n(): I18n {
  return useContext(Ctx);
}
