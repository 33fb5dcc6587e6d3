import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError } from '../errors.js';
import { formatIssues, RequestValidationError } from './validation.js';
import { requestLang } from './lang.js';
import { connectionErrorCode, isDatabaseUnavailable } from '../db/availability.js';

const DB_UNAVAILABLE = {
  zh: '数据库暂时无法连接，请稍后重试；如持续出现，请联系系统管理员',
  en: 'The database is temporarily unavailable; please try again shortly',
};
import { pgDataErrorCode } from './pg-data-error.js';

/**
 * One shape for every error: `{code, message, ...}` in the requester's language. Unexpected errors
 * are logged with the request id and answered without internals.
 */
export function errorHandler(err: FastifyError | Error, req: FastifyRequest, reply: FastifyReply): FastifyReply {
  const lang = req.lang ?? requestLang(req);
  if (err instanceof RequestValidationError) {
    const { message, issues } = formatIssues(err.issues, lang, req.url);
    return reply.code(400).send({ code: 'VALIDATION', message, issues });
  }
  if (err instanceof AppError) {
    if (err.status >= 500) req.log.error({ err, code: err.code }, 'app error');
    return reply
      .code(err.status)
      .send({ code: err.code, message: err.text[lang], ...(err.details ? { details: err.details } : {}) });
  }
  const fe = err as FastifyError;
  if (
    !isResponseSerializationError(fe) &&
    typeof fe.statusCode === 'number' &&
    fe.statusCode >= 400 &&
    fe.statusCode < 500
  ) {
    const known: Record<string, [string, string]> = {
      FST_ERR_CTP_INVALID_MEDIA_TYPE: ['不支持的请求格式', 'Unsupported media type'],
      FST_ERR_CTP_BODY_TOO_LARGE: ['请求内容过大', 'Request body is too large'],
      FST_ERR_CTP_EMPTY_JSON_BODY: ['请求内容为空', 'Request body is empty'],
      FST_ERR_CTP_INVALID_JSON_BODY: ['请求内容不是有效的 JSON', 'Request body is not valid JSON'],
    };
    const text = known[fe.code ?? ''];
    const code = fe.statusCode === 413 ? 'PAYLOAD_TOO_LARGE' : 'VALIDATION';
    return reply.code(fe.statusCode).send({ code, message: text ? text[lang === 'zh' ? 0 : 1] : fe.message });
  }
  if (isDatabaseUnavailable(err)) {
    req.log.warn({ code: connectionErrorCode(err) }, 'database unavailable');
    return reply.code(503).header('retry-after', '5').send({ code: 'DB_UNAVAILABLE', message: DB_UNAVAILABLE[lang] });
  }
  const dataCode = pgDataErrorCode(err);
  if (dataCode) {
    // Logged as an error all the same: a schema let this value through and should be tightened.
    req.log.error({ code: dataCode }, 'database refused a value that validation let through');
    return reply.code(400).send({
      code: 'VALIDATION',
      message:
        lang === 'zh'
          ? '提交的数据无法保存：含有超出范围的数字、不存在的日期或无效字符，请检查后重试'
          : 'The data cannot be stored: a number out of range, a date that does not exist or an invalid character',
    });
  }
  req.log.error({ err, code: 'INTERNAL' }, 'unhandled error');
  return reply.code(500).send({
    code: 'INTERNAL',
    message:
      lang === 'zh'
        ? `服务器内部错误，请联系管理员（请求编号 ${req.id}）`
        : `Internal error; quote request id ${req.id}`,
    requestId: req.id,
  });
}
