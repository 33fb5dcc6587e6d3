import { readFileSync, existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const WEB = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Packages the login page must not load (decision 020): they arrive with the shell, after login. (dayjs, 7 kB, may: the server clock uses it.) */
const HEAVY = /^(antd|@ant-design\/|echarts|echarts-for-react|@rc-component\/)/;

/** Static imports of one file: `import … from 'x'` and `import 'x'`, not `import('x')` (a lazy chunk). */
function staticImports(file: string): string[] {
  const src = readFileSync(file, 'utf8');
  return [...src.matchAll(/^\s*import\s+(?:type\s+)?(?:[^'"()]*?\s+from\s+)?['"]([^'"]+)['"]/gm)]
    .filter((m) => !/^\s*import\s+type\s/.test(m[0]))
    .map((m) => m[1] as string);
}

function resolveLocal(from: string, spec: string): string | undefined {
  const base = resolve(dirname(from), spec).replace(/\.js$/, '');
  return ['.tsx', '.ts'].map((ext) => base + ext).find((p) => existsSync(p));
}

/** Every package the entry (main.tsx) loads before any lazy import, with the file that imports it. */
function entryPackages(): Map<string, string> {
  const seen = new Set<string>();
  const packages = new Map<string, string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const spec of staticImports(file)) {
      if (spec.startsWith('.')) {
        const local = resolveLocal(file, spec);
        if (local) visit(local);
      } else if (!packages.has(spec)) packages.set(spec, file.slice(WEB.length + 1));
    }
  };
  visit(resolve(WEB, 'main.tsx'));
  return packages;
}

describe('what the login page loads', () => {
  it('the entry reaches react, the router and react-query, and no antd, its icons or echarts', () => {
    const packages = entryPackages();
    expect([...packages.keys()]).toEqual(expect.arrayContaining(['react', 'react-dom/client', 'react-router-dom']));
    const heavy = [...packages].filter(([p]) => HEAVY.test(p)).map(([p, file]) => `${p} (from ${file})`);
    expect(heavy).toEqual([]);
  });

  it('notices a heavy import when there is one', () => {
    expect(staticImports(resolve(WEB, 'app/AntdFrame.tsx'))).toContain('antd');
    expect(staticImports(resolve(WEB, 'app/App.tsx'))).not.toContain('./ShellFrame.js');
  });
});
