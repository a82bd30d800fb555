import {
  Body,
  ConflictException,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  ParseIntPipe,
  Post,
} from '@nestjs/common';
import { skipRequestIncomplete } from './operator.messages.js';
import { FailureWriteInProgressError } from '../errors/failure-write-in-progress.error.js';
import { PartitionNotStoppedError } from '../errors/partition-not-stopped.error.js';
import {
  StoppedPartitionsService,
  type OperatorAction,
  type SkipRequest,
  type StoppedPartitionView,
} from './stopped-partitions.service.js';

/**
 * HTTP face of StoppedPartitionsService. Routed and guarded by KafkaOperatorModule.forRoot(),
 * which refuses to mount it without a guard.
 */
export class KafkaOperatorController {
  // Explicit token: the class is decorated per forRoot() call, so no design metadata exists.
  constructor(@Inject(StoppedPartitionsService) private readonly operator: StoppedPartitionsService) {}

  @Get('stopped')
  stopped(): StoppedPartitionView[] {
    return this.operator.list();
  }

  @Get('actions')
  actions(): readonly OperatorAction[] {
    return this.operator.history();
  }

  @Post('stopped/:groupId/:topic/:partition/retry')
  @HttpCode(200)
  retry(
    @Param('groupId') groupId: string,
    @Param('topic') topic: string,
    @Param('partition', ParseIntPipe) partition: number,
    @Body() body: { by?: string },
  ): StoppedPartitionView {
    return this.act(() => this.operator.retry(groupId, topic, partition, body?.by ?? 'unknown'));
  }

  @Post('stopped/:groupId/:topic/:partition/skip')
  @HttpCode(200)
  skip(
    @Param('groupId') groupId: string,
    @Param('topic') topic: string,
    @Param('partition', ParseIntPipe) partition: number,
    @Body() body: Partial<SkipRequest>,
  ): StoppedPartitionView {
    if (!body?.offset || !body.by || !body.reason) throw new ConflictException(skipRequestIncomplete());
    const request = { offset: body.offset, by: body.by, reason: body.reason };
    return this.act(() => this.operator.skip(groupId, topic, partition, request));
  }

  private act(action: () => StoppedPartitionView): StoppedPartitionView {
    try {
      return action();
    } catch (error) {
      if (error instanceof PartitionNotStoppedError) throw new NotFoundException(error.message);
      if (error instanceof FailureWriteInProgressError) throw new ConflictException(error.message);
      throw error;
    }
  }
}
