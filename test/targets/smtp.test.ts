import { target } from '../../src/targets/smtp.ts';
import { describeHtmlTemplatesTarget } from './html-templates.ts';

describeHtmlTemplatesTarget(target, 'contentType');
