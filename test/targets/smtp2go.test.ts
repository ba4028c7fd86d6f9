import { target } from '../../src/targets/smtp2go.ts';
import { describeHtmlTemplatesTarget } from './html-templates.ts';

describeHtmlTemplatesTarget(target, 'type');
