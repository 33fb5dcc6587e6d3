import type { FastifySchemaCompiler } from 'fastify';
import type { z } from 'zod';
import { type ZodType } from 'zod';
import type { Lang, LocalText } from '../errors.js';
import { fieldLabel } from './field-labels.js';

type Issue = z.core.$ZodIssue;

/** A request that failed its zod schema; carries the raw issues so the message can be localised. */
export class RequestValidationError extends Error {
  readonly statusCode = 400;
  constructor(
    readonly issues: Issue[],
    readonly part: string,
  ) {
    super(`invalid ${part}`);
  }
}

export const zodValidatorCompiler: FastifySchemaCompiler<ZodType> =
  ({ schema, httpPart }) =>
  (data) => {
    const r = schema.safeParse(data);
    if (r.success) return { value: r.data };
    return { error: new RequestValidationError(r.error.issues, httpPart ?? 'body') };
  };

function reason(issue: Issue): LocalText {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null) return { zh: '必填', en: 'required' };
      return { zh: `类型不正确（应为${typeZh(issue.expected)}）`, en: `expected ${issue.expected}` };
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string')
        return min === 1
          ? { zh: '必填', en: 'required' }
          : { zh: `至少需要 ${min} 个字符`, en: `must be at least ${min} characters` };
      if (issue.origin === 'array') return { zh: `至少需要 ${min} 项`, en: `must have at least ${min} items` };
      return { zh: `不能小于 ${min}`, en: `must be at least ${min}` };
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return { zh: `不能超过 ${max} 个字符`, en: `must be at most ${max} characters` };
      if (issue.origin === 'array') return { zh: `不能超过 ${max} 项`, en: `must have at most ${max} items` };
      return { zh: `不能大于 ${max}`, en: `must be at most ${max}` };
    }
    case 'invalid_format':
      return { zh: '格式不正确', en: 'invalid format' };
    case 'invalid_value':
      return {
        zh: `只能是 ${issue.values.map(String).join(' / ')}`,
        en: `must be one of ${issue.values.map(String).join(', ')}`,
      };
    case 'unrecognized_keys':
      return { zh: `不认识的字段 ${issue.keys.join('、')}`, en: `unknown field ${issue.keys.join(', ')}` };
    case 'custom': {
      const p = issue.params as Partial<LocalText> | undefined;
      if (p?.zh && p.en) return { zh: p.zh, en: p.en };
      return { zh: issue.message, en: issue.message };
    }
    default:
      return { zh: '不正确', en: issue.message };
  }
}

function typeZh(t: string): string {
  return (
    (
      { string: '文本', number: '数字', boolean: '是/否', array: '列表', object: '对象', date: '日期' } as Record<
        string,
        string
      >
    )[t] ?? t
  );
}

export interface FormattedIssue {
  path: string;
  message: string;
}

/** "密码：至少需要 8 个字符" (zh) or "password: must be at least 8 characters" (en). */
export function formatIssues(issues: Issue[], lang: Lang, url = ''): { message: string; issues: FormattedIssue[] } {
  const out = issues.map((issue) => {
    const label = fieldLabel(issue.path, url);
    const r = reason(issue);
    const message = lang === 'zh' ? `${label.zh}：${r.zh}` : `${label.en}: ${r.en}`;
    return { path: issue.path.map(String).join('.'), message };
  });
  return { message: out.map((i) => i.message).join(lang === 'zh' ? '；' : '; '), issues: out };
}

/** A refinement whose failure message exists in both languages. */
export function localIssue(text: LocalText): { message: string; params: LocalText } {
  return { message: text.en, params: text };
}
