export declare const CHROME_NAMES: string[];
export declare const CHROME_LOCATIONS: Record<string, string[]>;
export declare const APT_CHROMIUM: string[];
export declare const CHROME_FLAGS: string[];
type Env = Record<string, string | undefined>;
export declare function chromeCacheDir(env?: Env): string;
export declare function findInstalledChrome(env?: Env): string | null;
export declare function findChrome(env?: Env): string;

export interface ChromeBuild {
  buildId: string;
  platform: string;
}
/** What `ensureChrome` asks of the machine; tests replace it. */
export interface ChromeProbes {
  installed(): string | null;
  cached(): string | null;
  latestBuild(): Promise<ChromeBuild>;
  download(build: ChromeBuild, log: (line: string) => void): Promise<string>;
  starts(path: string): { ok: true; version: string } | { ok: false; reason: string };
  isRoot(): boolean;
  debianLike(): boolean;
  aptInstall(): string | null;
}
export declare function systemProbes(env?: Env): ChromeProbes;
export declare function ensureChrome(options?: {
  env?: Env;
  probes?: ChromeProbes;
  log?: (line: string) => void;
  timeoutMs?: number;
}): Promise<string>;
