/**
 * `@connect-chat/compat`: the `window.connect.ChatSession` replacement for amazon-connect-chatjs.
 *
 * The ChatJS surface lands with the compat issue; this entry will install the global where it is absent.
 */
export * from './module';
