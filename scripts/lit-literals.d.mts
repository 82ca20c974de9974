import type { Plugin as EsbuildPlugin } from 'esbuild';
import type { Plugin as VitePlugin } from 'vite';

export declare function minifyLiterals(code: string, fileName: string): Promise<{ code: string } | null>;
export declare function viteMinifyLiterals(options?: { include?: string[] }): VitePlugin;
export declare function esbuildMinifyLiterals(options?: { include?: string[] }): EsbuildPlugin;
export declare function wtrMinifyLiterals(options?: { include?: string[] }): {
  name: string;
  transform(context: { path: string; body: unknown }): Promise<{ body: string } | undefined>;
};
