import type { SessionLimitMessageId } from './en.js';

/** 简体中文：`<session-limit-field>` 的文案（按需加载）。 */
const zhCN: Record<SessionLimitMessageId, string> = {
  'session-limit.label': '最大在线会话数',
  'session-limit.unlimited-hint': '未勾选时，帐号的在线会话数不受限制。',
  'session-limit.max.label': '最大会话数',
  'session-limit.max.hint': '范围：{min}–{max}',
  'session-limit.policy.legend': '在线会话数已达上限时登录',
  'session-limit.policy.deny': '不允许',
  'session-limit.policy.deny.hint': '拒绝新的登录。',
  'session-limit.policy.log-out': '注销已有会话',
  'session-limit.policy.log-out.hint': '结束最久未活动的会话，允许新的登录。',
  'session-limit.policy.locked': '最大在线会话数大于 1 时，只能选择“不允许”。',
  'session-limit.error.required': '请勾选最大在线会话数并设置上限。',
  'session-limit.error.value-missing': '请输入最大在线会话数，范围为 {min}–{max}。',
  'session-limit.error.bad-input': '请输入 {min} 到 {max} 之间的数字。',
  'session-limit.error.range-underflow': '请输入不小于 {min} 的数字。',
  'session-limit.error.range-overflow': '请输入不大于 {max} 的数字。',
  'session-limit.error.step-mismatch': '请输入整数。',
};

export default zhCN;
