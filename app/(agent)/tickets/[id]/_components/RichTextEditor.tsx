"use client";

import Image from "@tiptap/extension-image";
import { EditorContent, useEditor, useEditorState } from "@tiptap/react";
import StarterKit from "@tiptap/starter-kit";
import { useEffect, useImperativeHandle, useRef, type RefObject } from "react";
import { useI18n } from "@/app/_lib/i18n";

export interface RichTextHandle {
  /** Inserts plain text (e.g. a placeholder) where the cursor is. */
  insertText: (text: string) => void;
  focus: () => void;
}

interface Props {
  id: string;
  labelId: string;
  describedBy: string;
  invalid: boolean;
  /** HTML; "" for an empty editor. */
  value: string;
  onChange: (html: string) => void;
  /** Images pasted into the text: uploaded, then shown in place; returns their preview URLs. */
  onPasteImages: (files: File[]) => string[];
  /** Files dropped onto the editor: attached like chosen ones. */
  onDropFiles: (files: File[]) => void;
  handle: RefObject<RichTextHandle | null>;
  tone: "reply" | "comment";
}

/**
 * The text of a reply or comment as rich text (TipTap). The editable area is a textbox named
 * by the form's label, so it is found and filled like the textarea it replaces. Pasted images
 * go inline (uploaded like files, sent as `cid:` parts); dropped files become attachments.
 */
export function RichTextEditor({ id, labelId, describedBy, invalid, value, onChange, onPasteImages, onDropFiles, handle, tone }: Props) {
  const { t } = useI18n();
  /** The HTML this editor last reported: a different `value` comes from outside (a restored draft). */
  const emitted = useRef(value);
  const callbacks = useRef({ onChange, onPasteImages, onDropFiles });
  callbacks.current = { onChange, onPasteImages, onDropFiles };

  const editor = useEditor({
    immediatelyRender: false,
    autofocus: "end",
    extensions: [StarterKit.configure({ link: false, heading: { levels: [2, 3] } }), Image.configure({ allowBase64: false })],
    content: value,
    editorProps: {
      attributes: {
        id,
        role: "textbox",
        "aria-multiline": "true",
        "aria-labelledby": labelId,
        "aria-describedby": describedBy,
        class: "mail-html min-h-40 px-3 py-2 text-sm leading-relaxed text-slate-900 outline-none",
      },
      handlePaste: (view, event) => {
        const images = Array.from(event.clipboardData?.files ?? []).filter((f) => f.type.startsWith("image/"));
        if (images.length === 0) return false;
        event.preventDefault();
        const urls = callbacks.current.onPasteImages(images);
        const { schema } = view.state;
        let tr = view.state.tr;
        for (const src of urls) tr = tr.replaceSelectionWith(schema.nodes.image.create({ src }));
        view.dispatch(tr);
        return true;
      },
      handleDrop: (_view, event, _slice, moved) => {
        const files = Array.from(event.dataTransfer?.files ?? []);
        if (moved || files.length === 0) return false;
        event.preventDefault();
        callbacks.current.onDropFiles(files);
        return true;
      },
    },
    onUpdate: ({ editor: e }) => {
      const html = e.isEmpty ? "" : e.getHTML();
      emitted.current = html;
      callbacks.current.onChange(html);
    },
  });

  // A draft restored or cleared from outside replaces the content.
  useEffect(() => {
    if (editor && value !== emitted.current) {
      emitted.current = value;
      editor.commands.setContent(value, { emitUpdate: false });
    }
  }, [editor, value]);

  useEffect(() => {
    editor?.setOptions({
      editorProps: {
        ...editor.options.editorProps,
        attributes: {
          ...(editor.options.editorProps.attributes as Record<string, string>),
          "aria-invalid": invalid ? "true" : "false",
          "aria-describedby": describedBy,
        },
      },
    });
  }, [editor, invalid, describedBy]);

  useImperativeHandle(
    handle,
    () => ({
      insertText: (text) => editor?.chain().focus().insertContent(text).run(),
      focus: () => editor?.commands.focus(),
    }),
    [editor],
  );

  const active = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e?.isActive("bold") ?? false,
      italic: e?.isActive("italic") ?? false,
      bulletList: e?.isActive("bulletList") ?? false,
      orderedList: e?.isActive("orderedList") ?? false,
    }),
  });

  const tools = [
    { key: "bold", label: t("rich.bold"), text: "B", className: "font-bold", run: () => editor?.chain().focus().toggleBold().run() },
    { key: "italic", label: t("rich.italic"), text: "I", className: "italic", run: () => editor?.chain().focus().toggleItalic().run() },
    { key: "bulletList", label: t("rich.bulletList"), text: "•", className: "", run: () => editor?.chain().focus().toggleBulletList().run() },
    { key: "orderedList", label: t("rich.orderedList"), text: "1.", className: "", run: () => editor?.chain().focus().toggleOrderedList().run() },
  ] as const;

  return (
    <div
      className={`mt-2 rounded-md border bg-white shadow-sm focus-within:ring-2 ${
        tone === "reply" ? "focus-within:ring-blue-500" : "focus-within:ring-amber-500"
      } ${invalid ? "border-red-500" : "border-slate-300"}`}
    >
      <div role="toolbar" aria-label={t("rich.toolbar")} className="flex gap-1 border-b border-slate-200 px-2 py-1">
        {tools.map((tool) => (
          <button
            key={tool.key}
            type="button"
            onClick={tool.run}
            aria-label={tool.label}
            aria-pressed={active?.[tool.key] ?? false}
            title={tool.label}
            className={`min-w-7 rounded px-1.5 py-0.5 text-sm text-slate-700 hover:bg-slate-100 aria-pressed:bg-slate-200 ${tool.className}`}
          >
            {tool.text}
          </button>
        ))}
      </div>
      <EditorContent editor={editor} data-testid="rich-text" />
    </div>
  );
}
