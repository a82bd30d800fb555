// Loads the library before a spec's own kafkajs import, as an application that uses it does: the
// library makes kafkajs' producer wait for a failed attempt's other answers before retrying it
// (libs/kafka-kit/src/client/kafkajs-send-settles.ts), which only works before kafkajs loads.
import 'nest-kafka-kit';
