/**
 * The console's own strings (its chrome: menus, breadcrumbs, page titles and intros, toasts), in the
 * two languages the elements ship. The language switch sets both: the elements' `locale` and this.
 * A host console has its own i18n; this is the smallest one that keeps a page in one language.
 */
const EN = {
  brand: 'Acme Console',
  'skip-link': 'Skip to content',
  'menu.main': 'Main menu',
  'menu.toggle': 'Menu',
  'nav.home': 'Home',
  'nav.monitor': 'Monitor',
  'nav.system': 'System',
  'nav.system-settings': 'System Settings',
  'nav.personal-settings': 'Personal Settings',
  'nav.security': 'Security',
  'nav.notification': 'Notification',
  breadcrumb: 'Breadcrumb',
  'prefs.language': 'Language',
  'prefs.theme': 'Theme',
  'theme.light': 'Light',
  'theme.dark': 'Dark',
  'theme.system': 'System',
  'user.menu': 'User menu',
  'user.kind.local': '{username} · local user',
  'user.kind.remote': '{username} · remote user',
  'user.kind.third-party': '{username} · third-party user',
  'user.idle': 'Auto-logout after {minutes} min without activity',
  'user.logout': 'Log out',
  'title.document': '{title} · Acme Console',
  'title.home': 'Home',
  'title.monitor': 'Monitor',
  'title.personal-info': 'Modify Personal Info',
  'title.sessions': 'Online Sessions',
  'title.security': 'Security Policies',
  'title.notification': 'Remote Notification',
  'intro.personal-info.1':
    'Mobile numbers and email addresses are anonymized on this page and only travel over HTTPS. If SMS or email codes cannot be obtained, make sure ',
  'intro.personal-info.link': 'remote notification',
  'intro.personal-info.2': ' is configured.',
  'intro.sessions.1': 'Where your account is signed in. ',
  'intro.sessions.link': 'Max. Online Sessions',
  'intro.sessions.2': ' limits how many there can be.',
  'intro.monitor': 'Dashboards of the host console would live here; they are not part of this demo.',
  'intro.security': 'Password and account policies of the host console (not part of this demo).',
  'intro.notification.1':
    'The SMS gateway and the mail server that deliver verification codes. In this demo, switch them off and on in the ',
  'intro.notification.2': ' to see what users are told when a code cannot be sent.',
  'dev-panel': 'Developer panel',
  'home.devices': 'Managed devices',
  'home.devices.note': '3 offline',
  'home.alarms': 'Active alarms',
  'home.alarms.note': 'minor',
  'home.backups': 'Backups',
  'home.backups.value': 'OK',
  'home.backups.note': 'last run 02:00',
  'home.try': 'Try the personal settings',
  'home.try.form':
    ': change your mobile number or email with a code, auto-logout, the session limit and your welcome message.',
  'home.try.panel.1': 'Open the ',
  'home.try.panel.2': ' to read the codes, skip the clock ahead or switch off the SMS gateway.',
  'home.try.limit.1': 'Set ',
  'home.try.limit.2': ' to 1, then sign in from a private window.',
  'home.open': 'Open Modify Personal Info',
  'welcome.title': 'Welcome message',
  'welcome.dismiss': 'Dismiss',
  'saved.fields': 'Saved: {fields}.',
  saved: 'Saved.',
  'field.mobile': 'mobile number',
  'field.email': 'email address',
  'field.autoLogoutMinutes': 'auto-logout',
  'field.sessionLimit': 'max. online sessions',
  'field.welcomeMessage': 'welcome message',
  'sessions.loading': 'Loading…',
  'sessions.count.one': '{count} online session.',
  'sessions.count.other': '{count} online sessions.',
  'sessions.failed': 'The sessions could not be loaded.',
  'sessions.browser': 'Browser',
  'sessions.signed-in': 'Signed in',
  'sessions.last-active': 'Last active',
  'sessions.actions': 'Actions',
  'sessions.current': 'This session',
  'sessions.end': 'End session',
  'sessions.ended': 'The session was ended.',
  'sessions.end-failed': 'The session could not be ended.',
  'replaced.one': '{count} other session was logged out (maximum online sessions reached).',
  'replaced.other': '{count} other sessions were logged out (maximum online sessions reached).',
  'login.title': 'Sign in',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.or': 'or',
  'login.sso': 'Sign in with single sign-on',
  'login.help': 'Demo logins',
  'login.kind': 'Kind',
  'login.kind.local': 'local',
  'login.kind.remote': 'remote',
  'login.kind.third-party': 'third-party',
  'login.sso-only': 'single sign-on',
  'login.enter-username': 'Enter your username.',
  'login.failed': 'Sign-in failed. Try again.',
  'login.wrong': 'Wrong username or password.',
  'login.unreachable': 'The server could not be reached. Is the mock server running?',
  'login.locked.one': 'Too many wrong passwords: the account is locked for {count} more minute.',
  'login.locked.other': 'Too many wrong passwords: the account is locked for {count} more minutes.',
  'login.limit': 'Login not allowed: {reason}; end a session elsewhere or wait for one to expire.',
  'login.limit.general': 'this account already has its maximum number of online sessions',
  'reason.session-expired':
    'You were signed out after a period without activity (or the session reached its maximum lifetime). Sign in again to continue.',
  'reason.session-replaced':
    'You were signed out because your account signed in elsewhere (maximum online sessions: log out of the session).',
  'reason.unauthenticated': 'Your session has ended. Sign in again to continue.',
  'reason.signed-out': 'You have signed out.',
  'reason.reset': 'The demo data was reset to the seed. Sign in again.',
};

export type MessageKey = keyof typeof EN;

const ZH: Record<MessageKey, string> = {
  brand: 'Acme 控制台',
  'skip-link': '跳到主要内容',
  'menu.main': '主菜单',
  'menu.toggle': '菜单',
  'nav.home': '首页',
  'nav.monitor': '监控',
  'nav.system': '系统',
  'nav.system-settings': '系统设置',
  'nav.personal-settings': '个人设置',
  'nav.security': '安全',
  'nav.notification': '通知',
  breadcrumb: '当前位置',
  'prefs.language': '语言',
  'prefs.theme': '主题',
  'theme.light': '浅色',
  'theme.dark': '深色',
  'theme.system': '跟随系统',
  'user.menu': '用户菜单',
  'user.kind.local': '{username} · 本地用户',
  'user.kind.remote': '{username} · 远程用户',
  'user.kind.third-party': '{username} · 第三方用户',
  'user.idle': '无操作 {minutes} 分钟后自动登出',
  'user.logout': '退出登录',
  'title.document': '{title} · Acme 控制台',
  'title.home': '首页',
  'title.monitor': '监控',
  'title.personal-info': '修改个人信息',
  'title.sessions': '在线会话',
  'title.security': '安全策略',
  'title.notification': '远程通知',
  'intro.personal-info.1':
    '本页对手机号码和邮箱地址做匿名化显示，且只通过 HTTPS 传输。如果收不到短信或邮件验证码，请确认已配置',
  'intro.personal-info.link': '远程通知',
  'intro.personal-info.2': '。',
  'intro.sessions.1': '您的账号在以下位置登录。',
  'intro.sessions.link': '最大在线会话数',
  'intro.sessions.2': '限制可同时存在的会话数量。',
  'intro.monitor': '宿主控制台的监控面板位于此处，不属于本演示。',
  'intro.security': '宿主控制台的密码和账号策略（不属于本演示）。',
  'intro.notification.1': '发送验证码的短信网关和邮件服务器。在本演示中，可在',
  'intro.notification.2': '中关闭和开启它们，查看无法发送验证码时用户看到的提示。',
  'dev-panel': '开发者面板',
  'home.devices': '受管设备',
  'home.devices.note': '3 台离线',
  'home.alarms': '活动告警',
  'home.alarms.note': '次要',
  'home.backups': '备份',
  'home.backups.value': '正常',
  'home.backups.note': '上次运行 02:00',
  'home.try': '试用个人设置',
  'home.try.form': '：通过验证码修改手机号码或邮箱、自动登出、会话数限制和欢迎信息。',
  'home.try.panel.1': '打开',
  'home.try.panel.2': '查看验证码、将时钟拨快或关闭短信网关。',
  'home.try.limit.1': '将',
  'home.try.limit.2': '设为 1，然后在隐私窗口中登录。',
  'home.open': '打开“修改个人信息”',
  'welcome.title': '欢迎信息',
  'welcome.dismiss': '关闭',
  'saved.fields': '已保存：{fields}。',
  saved: '已保存。',
  'field.mobile': '手机号码',
  'field.email': '邮箱地址',
  'field.autoLogoutMinutes': '自动登出',
  'field.sessionLimit': '最大在线会话数',
  'field.welcomeMessage': '欢迎信息',
  'sessions.loading': '加载中…',
  'sessions.count.one': '{count} 个在线会话。',
  'sessions.count.other': '{count} 个在线会话。',
  'sessions.failed': '无法加载会话。',
  'sessions.browser': '浏览器',
  'sessions.signed-in': '登录时间',
  'sessions.last-active': '最近活动',
  'sessions.actions': '操作',
  'sessions.current': '当前会话',
  'sessions.end': '结束会话',
  'sessions.ended': '会话已结束。',
  'sessions.end-failed': '无法结束该会话。',
  'replaced.one': '已登出 {count} 个其他会话（已达到最大在线会话数）。',
  'replaced.other': '已登出 {count} 个其他会话（已达到最大在线会话数）。',
  'login.title': '登录',
  'login.username': '用户名',
  'login.password': '密码',
  'login.submit': '登录',
  'login.or': '或',
  'login.sso': '使用单点登录',
  'login.help': '演示账号',
  'login.kind': '类型',
  'login.kind.local': '本地',
  'login.kind.remote': '远程',
  'login.kind.third-party': '第三方',
  'login.sso-only': '单点登录',
  'login.enter-username': '请输入用户名。',
  'login.failed': '登录失败，请重试。',
  'login.wrong': '用户名或密码错误。',
  'login.unreachable': '无法连接服务器。模拟服务器是否在运行？',
  'login.locked.one': '密码错误次数过多：账号已锁定，请在 {count} 分钟后重试。',
  'login.locked.other': '密码错误次数过多：账号已锁定，请在 {count} 分钟后重试。',
  'login.limit': '不允许登录：{reason}；请结束其他位置的会话，或等待会话过期。',
  'login.limit.general': '此账号的在线会话数已达上限',
  'reason.session-expired': '由于长时间无操作（或会话已达到最长有效期），您已被登出。请重新登录。',
  'reason.session-replaced': '由于您的账号在其他位置登录（最大在线会话数：登出原会话），您已被登出。',
  'reason.unauthenticated': '您的会话已结束。请重新登录。',
  'reason.signed-out': '您已退出登录。',
  'reason.reset': '演示数据已重置为初始数据。请重新登录。',
};

export const LOCALES = [
  ['en', 'English'],
  ['zh-CN', '简体中文'],
] as const;
export type Locale = (typeof LOCALES)[number][0];

const CATALOGS: Record<Locale, Record<MessageKey, string>> = { en: EN, 'zh-CN': ZH };
const LOCALE_KEY = 'acme-console.locale';

let current: Locale = readLocale();

function readLocale(): Locale {
  const stored = localStorage.getItem(LOCALE_KEY);
  return LOCALES.some(([value]) => value === stored) ? (stored as Locale) : 'en';
}

export function locale(): Locale {
  return current;
}

/** Switch the console's language (remembered in this browser); `<html lang>` follows. */
export function setLocale(next: string): void {
  current = LOCALES.some(([value]) => value === next) ? (next as Locale) : 'en';
  localStorage.setItem(LOCALE_KEY, current);
  document.documentElement.lang = current;
}

/** A string of the current language, with `{name}` placeholders filled in. */
export function t(key: MessageKey, vars: Record<string, string | number> = {}): string {
  const template = CATALOGS[current][key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in vars ? formatValue(vars[name]) : whole,
  );
}

/** `key.one` / `key.other` by the language's plural rules, with `{count}` filled in. */
export function plural(
  key: 'sessions.count' | 'replaced' | 'login.locked',
  count: number,
  vars: Record<string, string | number> = {},
): string {
  const form = new Intl.PluralRules(current).select(count) === 'one' ? 'one' : 'other';
  return t(`${key}.${form}`, { ...vars, count });
}

/** A list in the language's own way ("a, b and c" / "a、b和c"). */
export function list(items: readonly string[]): string {
  return new Intl.ListFormat(current, { style: 'long', type: 'conjunction' }).format(items);
}

function formatValue(value: string | number | undefined): string {
  return typeof value === 'number' ? new Intl.NumberFormat(current).format(value) : (value ?? '');
}

document.documentElement.lang = current;
