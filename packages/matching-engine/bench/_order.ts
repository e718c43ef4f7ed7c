import { solveCapacitated } from '../src/assignment';
const mentees = 100000, mentors = 25000, k = 20;
let st = 2024;
const random = () => { st ^= st << 13; st ^= st >>> 17; st ^= st << 5; return (st >>> 0) / 2 ** 32; };
const from = new Int32Array(mentees * k), to = new Int32Array(mentees * k), weight = new Float64Array(mentees * k);
const chosen = new Int32Array(mentors).fill(-1); let e = 0;
for (let i = 0; i < mentees; i++) for (let t = 0; t < k; t++) { let j = Math.floor(random() * mentors); while (chosen[j] === i) j = Math.floor(random() * mentors); chosen[j] = i; from[e] = i; to[e] = j; weight[e++] = random(); }
const c0 = process.cpuUsage();
const r = solveCapacitated({ rows: mentees, cols: mentors, capacities: new Int32Array(mentors).fill(4), edges: { from, to, weight } });
const cpu = process.cpuUsage(c0);
console.log(process.env.ORDER, 'cpu', ((cpu.user + cpu.system) / 1000).toFixed(0), r.total);
