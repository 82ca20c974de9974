export declare const CHROME_CANDIDATES: string[];
export declare const CHROME_FLAGS: string[];
export declare function findChrome(): string;
