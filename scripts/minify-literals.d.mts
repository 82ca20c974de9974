import type { Plugin as EsbuildPlugin } from 'esbuild';
import type { SourceMap } from 'magic-string';
import type { Plugin as VitePlugin } from 'vite';

export declare const CSS_TARGET: string[];
export declare function minifyCss(strings: readonly string[]): string[] | null;
export declare function minifyHtml(strings: readonly string[]): string[];
export declare function minifyLiterals(
  code: string,
  filename: string,
): { code: string; map: SourceMap } | null;
export declare function viteMinifyLiterals(options?: { include?: string[] }): VitePlugin;
export declare function esbuildMinifyLiterals(options?: { include?: string[] }): EsbuildPlugin;
export declare function wtrMinifyLiterals(options?: { include?: string[] }): {
  name: string;
  transform(context: { path: string; body: unknown }): { body: string } | undefined;
};
