import { IsOptional, IsString, Length } from 'class-validator';

/** The body of POST /clicks. */
export class ClickDto {
  @IsString() @Length(1, 64) userId!: string;
  @IsString() @Length(1, 512) page!: string;
  @IsOptional() @IsString() referrer?: string;
}
