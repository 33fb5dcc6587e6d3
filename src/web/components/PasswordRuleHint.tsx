import { Typography } from 'antd';
import { useI18n } from '../app/i18n.js';
import { PASSWORD_RULE } from '../../shared/password-policy.js';

export function PasswordRuleHint() {
  const { lang } = useI18n();
  return <Typography.Text type="secondary">{PASSWORD_RULE[lang]}</Typography.Text>;
}
