export { CONVERSION_DATA_ANNOTATION, marshalData, unmarshalData } from './conversion-data.js';
export {
  type ConversionRequest,
  type ConversionResponse,
  type ConversionReview,
  conversionWebhook,
} from './conversion-webhook.js';
export {
  type Conversion,
  type ConversionDefinition,
  defineConversion,
  type SpokeConversion,
} from './define-conversion.js';
export { restoreLostFields } from './restore-lost-fields.js';
export { expectLosslessRoundTrip, type RoundTripArbitraries, type RoundTripOptions } from './testing.js';
