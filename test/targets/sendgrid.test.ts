import { target } from '../../src/targets/sendgrid.ts';
import { describeHtmlTemplatesTarget } from './html-templates.ts';

describeHtmlTemplatesTarget(target, 'type');
