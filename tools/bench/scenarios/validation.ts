// Consuming into a class-validator DTO: the library validates what a hand-written consumer would.
import { Injectable, Module } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { IsInt, IsString, Min, validateSync } from 'class-validator';
import { KafkaConsumer, KafkaListener, Payload } from 'nest-kafka-kit';
import { filledTopic, finishLine, uniqueTopic, type FinishLine } from '../bench-kit.js';
import { MESSAGES } from '../config.js';
import { benchKafkaModule, listenerSample } from '../contenders/kafka-listener.js';
import { parseJson, rawEachBatch } from '../contenders/raw-kafkajs-consumer.js';
import { sideBySide } from '../side-by-side.js';

const DTO_LISTENER = '@KafkaListener, @Payload() dto: ClickDto';

/** The shape of the bench's payload(). */
class ClickDto {
  @IsInt() @Min(0) id!: number;
  @IsString() userId!: string;
  @IsString() padding!: string;
}

/** The options the library validates with (validation/class-payload-validator.ts). */
const LIBRARY_VALIDATOR_OPTIONS = {
  forbidUnknownValues: true,
  validationError: { target: false, value: true },
};

/** What the library does with a DTO parameter, by hand: transform, validate, refuse the invalid. */
function validateByHand(message: Parameters<typeof parseJson>[0]): void {
  const click = plainToInstance(ClickDto, parseJson(message) as object);
  if (validateSync(click, LIBRARY_VALIDATOR_OPTIONS).length > 0) throw new Error('invalid click');
}

function dtoListenerSample(topic: string, line: FinishLine) {
  @Injectable()
  @KafkaConsumer({ groupId: uniqueTopic('bench-lib-dto'), fromBeginning: true })
  class DtoListener {
    @KafkaListener(topic)
    async handle(@Payload() click: ClickDto) {
      // A plain object here would mean no validation ran, and the figures would be a lie.
      if (!(click instanceof ClickDto)) line.abort(new Error('the payload was not turned into a ClickDto'));
      line.hit();
    }
  }
  @Module({ imports: [benchKafkaModule()], providers: [DtoListener] })
  class DtoModule {}
  return listenerSample(DtoModule, line);
}

export async function consumeValidated() {
  const topic = await filledTopic('bench-validation', 3, MESSAGES);
  return sideBySide(
    {
      id: 'validation',
      headline: DTO_LISTENER,
      title: 'Consume with validation (class-validator DTO)',
      workload: `${MESSAGES.toLocaleString('en')} records of 1 KiB JSON, 3 partitions; JSON.parse, plainToInstance, validateSync`,
      notes: [],
    },
    [
      {
        name: 'raw kafkajs eachBatch + class-validator by hand',
        run: () => rawEachBatch(topic, finishLine(MESSAGES), validateByHand),
      },
      {
        name: '@KafkaListener, @Payload() dto: ClickDto',
        run: () => dtoListenerSample(topic, finishLine(MESSAGES)),
      },
    ],
  );
}
