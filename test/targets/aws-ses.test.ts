import { target } from '../../src/targets/aws-ses.ts';
import { describeHtmlTemplatesTarget } from './html-templates.ts';

describeHtmlTemplatesTarget(target, undefined);
