import type { PersonalInfoMessageId } from './en.js';

/** 简体中文: loaded lazily, only when an element shows `zh-CN`. */
const zhCN: Record<PersonalInfoMessageId, string> = {
  'personal-info.loading': '正在加载个人信息…',
  'personal-info.load-failed': '无法加载您的个人信息。',
  'personal-info.retry': '重试',
  'personal-info.offline': '您似乎处于离线状态。请检查网络连接后重试。',
  'personal-info.session-ended': '请重新登录后继续。',
  'personal-info.config.missing': '配置错误：请设置 endpoint 属性或 client 属性。',
  'personal-info.config.invalid': '配置错误：“{url}”不是有效的接口地址。',
  'personal-info.config.insecure':
    '配置错误：接口地址“{url}”已被拒绝。个人数据只通过 HTTPS（或发往本站点）传输。',

  'personal-info.edit': '编辑',
  'personal-info.add': '添加',
  'personal-info.verify': '验证',
  'personal-info.save': '保存',
  'personal-info.saving': '正在保存…',
  'personal-info.saved': '已保存。',
  'personal-info.ok': '确定',
  'personal-info.cancel': '取消',
  'personal-info.dismiss': '关闭',

  'personal-info.mobile.label': '关联手机号码',
  'personal-info.email.label': '关联邮箱地址',
  'personal-info.contact.none': '未设置',
  'personal-info.contact.verified': '已验证',
  'personal-info.contact.unverified': '未验证',
  'personal-info.contact.pending': '更改待验证',
  'personal-info.contact.pending-detail': '正在更改为 {masked}，等待验证码（{time} 前有效）',
  'personal-info.contact.enter-code': '输入验证码',
  'personal-info.contact.dialog-failed': '无法打开。请检查网络连接，然后刷新页面。',
  'personal-info.contact.updated': '{label}已更新。',

  'personal-info.auto-logout.label': '无操作自动登出时间',
  'personal-info.auto-logout.help': '在此时间内无任何操作时，将自动登出。',
  'personal-info.auto-logout.third-party': '第三方用户固定为 {duration}，不能在此修改。',

  'personal-info.session-limit.label': '最大在线会话数',
  'personal-info.session-limit.enable': '限制在线会话数',
  'personal-info.session-limit.blocked': '请先更正最大会话数。',
  'personal-info.session-limit.unlimited': '不限制',
  'personal-info.session-limit.deny': '{max}（会话数已满时不允许登录）',
  'personal-info.session-limit.log-out': '{max}（新登录将注销已有会话）',

  'personal-info.welcome.label': '欢迎信息',
  'personal-info.welcome.empty': '未设置欢迎信息',
  'personal-info.welcome.help': '下次登录时向您显示。仅限纯文本；留空即删除。',
  'personal-info.welcome.counter': '{count} / {max}',
  'personal-info.welcome.counter-label': '已使用 {count} 个字符，最多 {max} 个',
  'personal-info.welcome.invalid': '请删除制表符等控制字符。',
  'personal-info.welcome.too-long': '最多 {max} 个字符。',

  'personal-info.conflict':
    '这些设置已在其他地方被修改，因此您的修改未保存。页面已显示最新的值；请检查后再次保存。',
  'personal-info.conflict.same': '此处显示的内容没有变化；再次保存即可应用您的修改。',
  'personal-info.change.auto-logout': '无操作自动登出时间现在为 {to}（原为 {from}）。',
  'personal-info.change.session-limit': '最大在线会话数现在为 {to}（原为 {from}）。',
  'personal-info.change.welcome': '欢迎信息已被修改。',
  'personal-info.change.contact': '{name}现在为 {to}（原为 {from}）。',
  'personal-info.change.contact-verified': '{name}现已验证。',
  'personal-info.change.contact-unverified': '{name}已不再是已验证状态。',
  'personal-info.change.contact-pending': '{name}的更改正在等待验证码。',
};

export default zhCN;
