export interface BrokenLink {
  page: string;
  link: string;
  why: string;
}

export function brokenLinks(siteDir: string): { broken: BrokenLink[]; checked: number; pages: number };
