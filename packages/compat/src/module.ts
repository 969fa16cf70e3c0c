/**
 * `@connect-chat/compat/module`: the compatibility layer's named exports, without installing the global.
 *
 * The ChatJS surface lands with the compat issue.
 */
export const compatibilityTarget = 'amazon-connect-chatjs@5.0.0';
