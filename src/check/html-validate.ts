/**
 * Structural validation for `authmail check`, with html-validate (pure JS: no Java, unlike the Nu
 * Html Checker the test suite runs). The rules are chosen for email: the structure and attribute
 * values every client's parser depends on are errors; what mail HTML does on purpose is off.
 */
import { HtmlValidate, type ConfigData } from 'html-validate';

const structure = [
  // A block element in a table row group (a <div> in a <tbody>): browsers move it out of the
  // table and the Nu checker stops at it; so do the other content-model rules.
  'element-permitted-content',
  'element-permitted-occurrences',
  'element-permitted-order',
  'element-permitted-parent',
  'element-required-ancestor',
  'element-required-attributes',
  'element-required-content',
  'element-name',
  'close-attr',
  'close-order',
  'void-content',
  'no-dup-attr',
  'no-dup-id',
  'valid-id',
  'doctype-html',
  'unrecognized-char-ref',
  // Invalid values, e.g. <img height="auto"> (a height is a number of pixels).
  'attribute-allowed-values',
  'attribute-misuse',
  'aria-label-misuse',
  'no-abstract-role',
  'empty-title',
  'no-multiple-main',
] as const;

const htmlValidateConfig: ConfigData = {
  // No preset: each rule is named here, so an html-validate update cannot add one to the gate.
  root: true,
  elements: ['html5'],
  rules: {
    ...Object.fromEntries(structure.map((rule) => [rule, 'error'])),
    // Off on purpose (not in a preset, but named so a reader sees they were considered):
    'no-inline-style': 'off', // inline CSS is how email styles survive clients that strip <style>
    'no-deprecated-attr': 'off', // bgcolor, align, valign, width, cellpadding: what Outlook for Windows reads
    deprecated: 'off', // <center> and <font> still serve Outlook in hand-written templates
    'no-conditional-comment': 'off', // <!--[if mso]> is Outlook's only hook
    'prefer-native-element': 'off', // <div role="article"> is the email landmark convention (MJML writes it)
    'attr-case': 'off', // React writes cellPadding; HTML attribute names are case-insensitive
    'void-style': 'off', // <meta/> and <meta> parse the same
    'long-title': 'off', // the title is the subject, which the locale decides
    'wcag/h37': 'off', // image alt text is the pipeline lint's img-alt rule already
  },
};

export interface StructureIssue {
  rule: string;
  message: string;
  /** 1-based line of the HTML where it is. */
  line: number;
}

/** One validator for a whole check run: building it (rules, element metadata) is the costly part. */
export function createStructureValidator(): (html: string) => Promise<StructureIssue[]> {
  const validator = new HtmlValidate(htmlValidateConfig);
  return async (html) => {
    const report = await validator.validateString(html, 'email.html');
    return report.results.flatMap((result) => result.messages.map((message) => ({ rule: message.ruleId, message: message.message, line: message.line })));
  };
}
