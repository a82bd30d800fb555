import { IsInt, IsOptional, IsString } from 'class-validator';

/** A record of click_log, as the collector writes it. */
export class ClickEventDto {
  @IsString() userId!: string;
  @IsString() page!: string;
  @IsOptional() @IsString() referrer?: string;
  @IsInt() at!: number;
}
