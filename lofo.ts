import { factRecallLeaveOneOut } from './bench/links-calibrate';
import { sharedDir } from './bench/links-eval';
const r = factRecallLeaveOneOut(sharedDir()!) as any;
const pool = (k: (g: any) => any) => ((k(r).recallAt5 * 80 + k(r.own).recallAt5 * 156) / 236).toFixed(3);
const f = (k: (g: any) => any) => `${k(r).recallAt5}/${k(r.own).recallAt5}`;
console.log(process.env.CX, 'A', pool((g) => g.seededWithQuoteAndBlindLabel.a), f((g) => g.seededWithQuoteAndBlindLabel.a), 'B', pool((g) => g.seededWithQuoteAndBlindLabel.b), f((g) => g.seededWithQuoteAndBlindLabel.b), 'gold', pool((g) => g.seededWithQuoteAndLabel));
