import { IsInt, IsString, MinLength } from 'class-validator';

/** A record of rt.enrolled: a student enrolled in a course (key: enrollmentId). */
export class EnrolledEventDto {
  @IsString() @MinLength(1) enrollmentId!: string;
  @IsString() @MinLength(1) studentId!: string;
  @IsString() @MinLength(1) courseId!: string;
  @IsInt() enrolledAt!: number;
}
