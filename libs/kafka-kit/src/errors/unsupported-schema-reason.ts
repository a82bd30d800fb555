/**
 * Why a payload schema cannot be used: it is neither a DTO class nor a Standard Schema v1, or it
 * validates asynchronously (records are validated synchronously, in partition order).
 */
export type UnsupportedSchemaReason = 'not-a-schema' | 'async-validation';
