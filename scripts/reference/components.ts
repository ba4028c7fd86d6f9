/**
 * docs/reference/components.md from src/components/index.ts, read with the TypeScript compiler:
 * each exported value, its doc comment and `@example`, and its props (the first parameter's
 * type). Attributes a component passes through from React's HTML types are summed up as "every
 * attribute of <tag>" rather than listed one by one. React Email's primitives carry no doc comment
 * of ours: their one-line summary and example are in `primitives` below.
 */
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const entry = fileURLToPath(new URL('../../src/components/index.ts', import.meta.url));

/** What authmail says about the React Email primitives it re-exports (they have no doc comment of ours). */
export const primitives: Record<string, { summary: string; example: string }> = {
  Body: {
    summary: "React Email's `<body>`. `Layout` renders it with the locale's `lang` and `dir`.",
    example: '<Body lang={ctx.locale} dir={ctx.dir}>…</Body>',
  },
  Container: { summary: "React Email's centred table, 37.5em wide by default.", example: "<Container style={{ maxWidth: '560px' }}>…</Container>" },
  Head: { summary: "React Email's `<head>`, with the charset and viewport meta tags.", example: '<Head><title>{ctx.subject}</title></Head>' },
  Heading: { summary: 'React Email\'s heading (`as="h1"`…`h6`). `Title` is the brand\'s.', example: '<Heading as="h2">{ctx.t(\'SignIn.heading\')}</Heading>' },
  Html: {
    summary: "React Email's `<html>`. `Layout` renders it with the locale's `lang` and `dir`.",
    example: '<Html lang={ctx.locale} dir={ctx.dir}>…</Html>',
  },
  Img: {
    summary:
      "React Email's image: `src`, `alt`, `width` and `height` as attributes, `display:block`, no border. Use an `https:` URL and an `alt` text (`authmail check` fails an image without alt).",
    example: '<Img src="https://acme.example/email/header.png" width={480} height={120} alt="Acme" />',
  },
  Preview: {
    summary: "React Email's preheader: the hidden text an inbox shows after the subject. `Layout` renders `ctx.preheader`.",
    example: '<Preview>{ctx.preheader}</Preview>',
  },
  Section: {
    summary: "React Email's one-cell table: a block that email clients lay out alike.",
    example: "<Section style={{ padding: '16px 0' }}>…</Section>",
  },
  Text: { summary: "React Email's paragraph. `Paragraph` is the brand's.", example: "<Text style={{ fontSize: '14px' }}>{ctx.t('common.help')}</Text>" },
};

export interface ComponentEntry {
  name: string;
  /** Where it comes from: `authmail` (src/components) or the React Email package. */
  source: string;
  kind: 'component' | 'function' | 'constant';
  summary: string;
  example: string;
  props: { name: string; type: string; optional: boolean; doc: string }[];
  /** Intrinsic elements whose attributes the component passes through. */
  attributesOf: string[];
}

const clean = (text: string) => text.replace(/\s+/g, ' ').trim();

function docOf(checker: ts.TypeChecker, symbol: ts.Symbol): { summary: string; example: string } {
  const summary = clean(ts.displayPartsToString(symbol.getDocumentationComment(checker)));
  const example = symbol
    .getJsDocTags(checker)
    .filter((tag) => tag.name === 'example')
    .map((tag) => ts.displayPartsToString(tag.text).trim())
    .join('\n');
  return { summary, example };
}

/** The HTML element a property of React's types belongs to (`img` for ImgHTMLAttributes), or 'any element' for the shared ones. */
function elementOf(declaration: ts.Declaration): string | undefined {
  if (!declaration.getSourceFile().fileName.includes('/@types/react/')) return undefined;
  const owner = declaration.parent;
  const name = ts.isInterfaceDeclaration(owner) ? owner.name.text : '';
  const element = /^(\w+?)HTMLAttributes$/.exec(name)?.[1];
  return element && element !== 'All' ? element.toLowerCase().replace('anchor', 'a') : 'html';
}

/**
 * A prop's type as its source writes it (`TemplateContext`, `ReactNode`), or spelled out when it is
 * a union of literals (`'primary' | 'secondary' | 'link'`, not `ButtonVariant`).
 */
function typeText(checker: ts.TypeChecker, prop: ts.Symbol): string {
  const type = checker.getNonNullableType(checker.getTypeOfSymbol(prop));
  if (type.isUnion() && type.types.every((member) => member.isStringLiteral()))
    return type.types.map((member) => `'${(member as ts.StringLiteralType).value}'`).join(' | ');
  const node = prop.valueDeclaration && ts.isPropertySignature(prop.valueDeclaration) ? prop.valueDeclaration.type : undefined;
  return clean(node ? node.getText() : checker.typeToString(type, undefined, ts.TypeFormatFlags.NoTruncation));
}

export function componentEntries(): ComponentEntry[] {
  const program = ts.createProgram([entry], {
    jsx: ts.JsxEmit.ReactJSX,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    target: ts.ScriptTarget.ES2022,
    allowImportingTsExtensions: true,
    noEmit: true,
    strict: true,
    skipLibCheck: true,
  });
  const checker = program.getTypeChecker();
  const module = checker.getSymbolAtLocation(program.getSourceFile(entry)!)!;
  const entries: ComponentEntry[] = [];
  for (const exported of checker.getExportsOfModule(module)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    if (!(symbol.flags & ts.SymbolFlags.Value)) continue; // types (ButtonProps…) are documented with their component
    const declaration = symbol.valueDeclaration ?? symbol.declarations![0]!;
    const file = declaration.getSourceFile().fileName;
    const ours = file.includes('/src/components/');
    const source = ours ? 'authmail' : (/node_modules\/(@react-email\/[^/]+)/.exec(file)?.[1] ?? file);
    const type = checker.getTypeOfSymbolAtLocation(symbol, declaration);
    const [signature] = type.getCallSignatures();
    const doc = ours ? docOf(checker, symbol) : (primitives[exported.name] ?? { summary: '', example: '' });
    const returns = signature ? checker.typeToString(signature.getReturnType()) : '';
    const kind = !signature ? 'constant' : /Element|ReactNode/.test(returns) ? 'component' : 'function';
    const props: ComponentEntry['props'] = [];
    const attributesOf = new Set<string>();
    const [first] = signature?.getParameters() ?? [];
    if (first && kind === 'component') {
      const propsType = checker.getTypeOfSymbolAtLocation(first, declaration);
      for (const prop of propsType.getProperties()) {
        const element = prop.declarations?.map(elementOf).find(Boolean);
        if (element) {
          attributesOf.add(element);
          continue;
        }
        if (prop.name === 'key' || prop.name === 'ref') continue;
        props.push({
          name: prop.name,
          type: typeText(checker, prop),
          optional: (prop.flags & ts.SymbolFlags.Optional) !== 0,
          doc: clean(ts.displayPartsToString(prop.getDocumentationComment(checker))),
        });
      }
    }
    // The element's own attributes name it; the shared ones (HTMLAttributes, aria…) only when there are no others.
    const specific = [...attributesOf].filter((tag) => tag !== 'html');
    entries.push({ name: exported.name, source, kind, ...doc, props, attributesOf: specific.length ? specific : [...attributesOf] });
  }
  return entries.sort((a, b) => Number(b.source === 'authmail') - Number(a.source === 'authmail') || a.name.localeCompare(b.name, 'en'));
}

const cell = (text: string) => text.replaceAll('|', '\\|');

export function componentsPage(entries: readonly ComponentEntry[]): string {
  const sections = entries.map((entry) => {
    const lines = [
      `## ${entry.name}`,
      '',
      `${entry.kind === 'component' ? 'Component' : entry.kind === 'function' ? 'Function' : 'Constant'} from \`${entry.source}\`, exported by \`authmail/components\`. ${entry.summary}`,
      '',
    ];
    if (entry.props.length) {
      lines.push('| prop | type | required | what it is |', '|---|---|---|---|');
      for (const prop of entry.props) lines.push(`| \`${prop.name}\` | \`${cell(prop.type)}\` | ${prop.optional ? 'no' : 'yes'} | ${cell(prop.doc)} |`);
      lines.push('');
    }
    if (entry.attributesOf.length)
      lines.push(
        `Also takes every attribute of ${entry.attributesOf.map((tag) => (tag === 'html' ? 'an HTML element' : `\`<${tag}>\``)).join(', ')} (React's names: \`className\`, \`style\`…).`,
        ''
      );
    lines.push('```tsx', entry.example, '```', '');
    return lines.join('\n');
  });
  return `<!-- Generated from src/components by scripts/generate-reference.ts (npm run reference); do not edit. -->
# Components

\`authmail/components\` exports the brand components the shipped templates are made of, and the
React Email primitives they use, so a template imports only from \`authmail/components\`,
\`authmail\` and React. Every component takes the template's \`ctx\` (\`TemplateContext\`) where it
needs the brand, theme or translations. See [translation keys](keys.md) for \`ctx.t\` and
[usage types](usage-types.md) for \`ctx.vars\`.

${entries.map((entry) => `- [${entry.name}](#${entry.name.toLowerCase()})`).join('\n')}

## What a template receives

A template is a function of its \`ctx\` (\`TemplateContext<'SignIn'>\`, from \`authmail\`) returning
the email, usually a \`Layout\`:

| field | what it is |
|---|---|
| \`ctx.vars\` | the type's variables ([usage types](usage-types.md)), each present one as a Logto placeholder: \`ctx.vars.code\` is the text \`{{code}}\`, filled after rendering |
| \`ctx.t(key)\` | a translation in the email's locale (English where it has none), its variables already filled |
| \`ctx.locale\`, \`ctx.dir\` | the language tag and its direction (\`ltr\` or \`rtl\`) |
| \`ctx.subject\`, \`ctx.preheader\` | the translated \`<Type>.subject\` and \`<Type>.preheader\`: change them in your locale files, not in the template |
| \`ctx.brand\`, \`ctx.theme\`, \`ctx.logo\` | the brand file, the colors and fonts derived from it, the logo \`Header\` shows |
| \`ctx.type\` | the usage type |

Branch on whether a variable is present (\`ctx.vars.application ? … : …\`), never on its value or
by cutting it: the compiled templates connectors store hold \`{{code}}\`, not a code, so
\`ctx.vars.code.slice(0, 3)\` yields \`{{c\`, and \`authmail build\` fails on the broken placeholder.

${sections.join('\n')}`;
}
