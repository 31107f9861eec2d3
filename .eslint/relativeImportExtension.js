// Relative imports name their file with a .js extension (Signal-Desktop's style). Without it, tsx cannot
// load `./service.node` at run time: Node takes `.node` for a native addon. Auto-fixable.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

const KNOWN = /\.(js|mjs|cjs|json|css|png|svg|woff2?|jpg|html)$/;

export const relativeImportExtension = {
  meta: {
    type: 'problem',
    fixable: 'code',
    schema: [],
    messages: {
      ext: "Relative import '{{spec}}' needs an explicit extension: '{{fixed}}' (tsx takes '.node' for a native addon).",
    },
  },
  create(context) {
    function check(node) {
      const source = node.source;
      if (source === null || source === undefined || typeof source.value !== 'string') return;
      const spec = source.value;
      if (!spec.startsWith('./') && !spec.startsWith('../')) return;
      if (KNOWN.test(spec)) return;
      const base = resolve(dirname(context.filename), spec);
      const target = ['.ts', '.tsx'].some((ext) => existsSync(base + ext)) ? `${spec}.js` : null;
      if (target === null) return;
      context.report({
        node: source,
        messageId: 'ext',
        data: { spec, fixed: target },
        fix: (fixer) => fixer.replaceText(source, `'${target}'`),
      });
    }
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};
