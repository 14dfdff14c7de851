/** What other features may use of signin: everything else in this folder is its own. */
export { useSessionStore, whileSettingUp } from './sessionStore';
export { verifyStaff } from './signIn';
