/**
 * The schema of the rules YAML (考核规则). Every deduction and bonus is written as a non-negative
 * number of points: the scorer gives deductions their sign, so the file reads the way the office
 * speaks (“逾期报送扣1分”).
 */
import { z } from 'zod';

const points = z.number().min(0).max(1000);
const optionalCap = z.number().min(0).max(1000).nullable();

const statusSchema = z.strictObject({
  已完成: points,
  推进中: points,
  滞后: points,
  未启动: points,
  未报告: points,
  inProgressByPercent: z.boolean(),
});

const targetsSchema = z.strictObject({
  reached: points,
  missed: points,
  proportional: z.boolean(),
  noActual: points,
  aroundTolerance: z.number().min(0).max(1),
});

const reportsSchema = z.strictObject({
  late: points,
  missing: points,
  unexplainedLag: points,
  cap: optionalCap,
});

const bonusSchema = z.strictObject({
  cap: optionalCap,
  items: z.record(z.string().min(1), points),
});

const vetoSchema = z.strictObject({
  leadTaskNotStarted: z.boolean(),
  missingReports: z.number().int().min(0).max(100),
  items: z.array(z.string().min(1)),
});

const gradesSchema = z.strictObject({
  优秀: z.number().min(0).max(1000),
  良好: z.number().min(0).max(1000),
  合格: z.number().min(0).max(1000),
});

const excellentCapSchema = z
  .strictObject({
    share: z.number().min(0).max(1),
    ties: z.enum(['drop', 'keep']),
  })
  .nullable();

const documentSchema = z.strictObject({
  organ: z.string().min(1),
  docNumber: z.string().min(1),
  recipients: z.string().min(1),
  accountabilityOrgan: z.string().min(1),
  cc: z.string().nullable(),
  date: z.iso.date().nullable(),
});

export const rulesFileSchema = z.strictObject({
  base: z.number().min(0).max(1000),
  floor: z.number().min(0).max(1000).nullable(),
  roles: z.strictObject({ lead: points, support: points }),
  status: statusSchema,
  targets: targetsSchema,
  reports: reportsSchema,
  bonus: bonusSchema,
  veto: vetoSchema,
  grades: gradesSchema,
  excellentCap: excellentCapSchema,
  document: documentSchema,
});

export type RulesData = z.infer<typeof rulesFileSchema>;
