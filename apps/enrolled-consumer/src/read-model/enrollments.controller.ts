import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { EnrollmentsReadModel, type Enrollment } from './enrollments-read-model.service.js';

@Controller('enrollments')
export class EnrollmentsController {
  constructor(private readonly readModel: EnrollmentsReadModel) {}

  @Get(':id')
  get(@Param('id') id: string): Enrollment {
    const enrollment = this.readModel.get(id);
    if (!enrollment) throw new NotFoundException(`no enrollment ${id}`);
    return enrollment;
  }
}
