/**
 * The library without side effects: element classes, event classes and types. Importing this
 * module registers no custom element — import `./all.js` (every element) or an element's
 * `define.js` for that. To register the classes yourself, register `SessionLimitField` and
 * `ContactVerifyDialog` as `session-limit-field` and `contact-verify-dialog` too: the form renders
 * them by those names (and only its `define.js` imports the dialog on first use).
 * @module
 */
export {
  PERSONAL_INFO_SECTIONS,
  PersonalInfoForm,
} from './personal-info-form/personal-info-form.js';
export {
  type PersonalInfoChangeDetail,
  PersonalInfoChangeEvent,
  type PersonalInfoErrorDetail,
  type PersonalInfoFormEventMap,
  PersonalInfoErrorEvent,
  type PersonalInfoField,
  type PersonalInfoSaveDetail,
  PersonalInfoSaveEvent,
  type PersonalInfoSavedDetail,
  PersonalInfoSavedEvent,
  type PersonalInfoSection,
} from './personal-info-form/personal-info-form.events.js';

export { ContactVerifyDialog } from './contact-verify-dialog/contact-verify-dialog.js';
export {
  ContactVerifyAfterHideEvent,
  type ContactVerifyAfterHideDetail,
  ContactVerifyAfterShowEvent,
  ContactVerifyConfirmEvent,
  ContactVerifyConfirmedEvent,
  type ContactVerifyConfirmedDetail,
  type ContactVerifyDetail,
  type ContactVerifyDialogEventMap,
  ContactVerifyErrorEvent,
  type ContactVerifyErrorDetail,
  ContactVerifyHideEvent,
  type ContactVerifyHideDetail,
  type ContactVerifyHideSource,
  type ContactVerifyMode,
  ContactVerifySendEvent,
  type ContactVerifySendDetail,
  ContactVerifySentEvent,
  type ContactVerifySentDetail,
  ContactVerifyShowEvent,
  type ContactVerifyStep,
} from './contact-verify-dialog/contact-verify-dialog.events.js';

export { SessionLimitField } from './session-limit-field/session-limit-field.js';
export {
  SessionLimitChangeEvent,
  type SessionLimitEventDetail,
  type SessionLimitFieldEventMap,
  SessionLimitInputEvent,
} from './session-limit-field/session-limit-field.events.js';
export {
  formatSessionLimit,
  parseSessionLimit,
  UNLIMITED,
} from './session-limit-field/session-limit-value.js';

export {
  type SessionEndReason,
  type SessionExpiredDetail,
  SessionExpiredEvent,
  sessionEndReason,
} from './shared/session-expired-event.js';
export { type Catalog, type CatalogLoader, registerCatalog } from './shared/localize.js';

export {
  ApiClient,
  type ApiClientOptions,
  ApiError,
  type ApiErrorKind,
  type ApiResult,
  type CallOptions,
  apiClientContext,
  checkEndpoint,
  isApiError,
} from './api/index.js';
export type {
  ContactKind,
  ContactView,
  PersonalInfo,
  PersonalInfoPatch,
  Problem,
  ProblemCode,
  SessionLimit,
  SessionLimitPolicy,
  StepUpMethod,
  UserSummary,
  UserType,
} from './api/contract/index.js';
