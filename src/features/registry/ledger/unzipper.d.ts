// The part of unzipper's API the ledger reader uses (the package ships no types).
declare module 'unzipper' {
  export interface CentralDirectoryFile {
    path: string;
    type: 'File' | 'Directory';
    uncompressedSize: number;
    /** The entry's bytes, inflated as they are read. */
    stream(): NodeJS.ReadableStream & AsyncIterable<Buffer>;
  }
  export interface CentralDirectory {
    files: CentralDirectoryFile[];
  }
  export const Open: {
    buffer(data: Buffer): Promise<CentralDirectory>;
  };
}
