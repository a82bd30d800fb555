import { IsIn, IsString, MinLength, ValidateIf } from 'class-validator';

export const ENROLLMENT_STATUSES = ['active', 'completed', 'cancelled'] as const;
export type EnrollmentStatus = (typeof ENROLLMENT_STATUSES)[number];

/**
 * A change-data-capture record of cdc.enrollments (key: enrollmentId): op c(reate), u(pdate) or
 * d(elete), with the row after the change for c and u.
 */
export class EnrollmentChangeDto {
  @IsIn(['c', 'u', 'd']) op!: 'c' | 'u' | 'd';
  @IsString() @MinLength(1) enrollmentId!: string;
  @ValidateIf((change: EnrollmentChangeDto) => change.op !== 'd') @IsString() studentId?: string;
  @ValidateIf((change: EnrollmentChangeDto) => change.op !== 'd') @IsString() courseId?: string;
  @ValidateIf((change: EnrollmentChangeDto) => change.op !== 'd')
  @IsIn(ENROLLMENT_STATUSES)
  status?: EnrollmentStatus;
}
