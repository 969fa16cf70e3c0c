/**
 * `@connect-chat/compat`: the `window.connect.ChatSession` replacement for amazon-connect-chatjs.
 *
 * Not implemented yet: the ChatJS surface lands with the compat issue. This entry exists so the workspace builds
 * and versions all three packages together.
 */
export const compatibilityTarget = 'amazon-connect-chatjs@5.0.0';
