/**
 * fast-check arbitraries for Logto's placeholder substitution: payloads shaped as Logto sends
 * them (nested one level, every kind of leaf) and texts mixing plain text with placeholders of
 * every form Logto's regex does and does not match. Shared by the tests that compare a fill with
 * @logto/connector-kit's replaceSendMessageHandlebars.
 */
import fc from 'fast-check';

const key = fc.stringMatching(/^[a-z_][a-z0-9_]{0,6}$/);
const leaf = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined));

export const logtoPayload = fc.dictionary(key, fc.oneof(leaf, fc.dictionary(key, leaf, { maxKeys: 3, noNullPrototype: true })), {
  maxKeys: 4,
  noNullPrototype: true,
});

export const placeholderText = fc
  .array(
    fc.oneof(
      fc.string(),
      key.map((k) => `{{${k}}}`),
      fc.tuple(key, key).map(([a, b]) => `{{ ${a}.${b} }}`),
      fc.constantFrom('{{}}', '{{ code | upper }}', '{{{code}}}', '{{#if x}}', '{{\n code \n}}')
    ),
    { maxLength: 8 }
  )
  .map((parts) => parts.join(''));
