export declare function writeIdeData(outDir?: string): void;
