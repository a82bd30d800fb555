import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { EnrollmentsReadModel, type Enrollment } from './enrollments-read-model.service.js';

@Controller('enrollments')
export class EnrollmentsController {
  constructor(private readonly readModel: EnrollmentsReadModel) {}

  @Get(':id')
  async get(@Param('id') id: string): Promise<Enrollment> {
    const enrollment = await this.readModel.get(id);
    if (!enrollment) throw new NotFoundException(`no enrollment ${id}`);
    return enrollment;
  }
}
