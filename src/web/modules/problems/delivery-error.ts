/** A webhook delivery's last error (a classification code from the server) in words; never reply text. */
const LABELS: Record<string, [string, string]> = {
  http_error: ['对方返回错误状态码', 'error status from the robot'],
  redirect: ['对方要求跳转（未跟随）', 'redirect (not followed)'],
  timeout: ['连接超时', 'timed out'],
  dns_failed: ['域名无法解析', 'host name not found'],
  connect_failed: ['无法连接', 'could not connect'],
  tls_failed: ['证书或加密连接失败', 'TLS failure'],
  bad_url: ['地址格式错误', 'bad URL'],
  webhook_disabled: ['推送已停用', 'webhook disabled'],
  target_refused: ['目标为本机、内网或保留地址，已拒绝', 'target is internal or reserved: refused'],
  robot_errcode: ['机器人返回错误码', 'robot error code'],
  error: ['发送失败', 'failed'],
};

export function deliveryErrorLabel(code: string | null, tr: (zh: string, en: string) => string): string {
  if (!code) return '';
  const [kind, detail] = code.split(':');
  const label = LABELS[kind ?? ''] ?? LABELS.error!;
  return detail && kind === 'robot_errcode' ? `${tr(...label)} ${detail}` : tr(...label);
}
