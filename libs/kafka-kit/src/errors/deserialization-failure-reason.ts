/** Why a record's bytes could not become a payload. Written to logs and the DLQ as-is. */
export type DeserializationFailureReason = 'empty-value' | 'invalid-utf8' | 'not-json';
