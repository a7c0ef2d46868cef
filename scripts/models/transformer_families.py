#!/usr/bin/env python3
"""Exports small, randomly initialized models of the families snnc's frontend
must import, as torch.onnx.export writes them, each with one recorded test
data set in the ONNX backend-test layout (test_data_set_0/input_K.pb and
output_K.pb, PyTorch's float32 outputs):

  encoder-opset14  nn.TransformerEncoderLayer (post-norm, ReLU), opset 14
  encoder-opset17  the same layer at opset 17 (LayerNormalization)
  gpt2-block       GPT-2 block: fused QKV + Split, tanh GELU, causal mask
                   from a tril buffer via masked_fill (Equal/Where), opset 13
  llama-block      LLaMA block: RMSNorm (Pow/ReduceMean/Sqrt/Div), rotary
                   embeddings from cached cos/sin tables, causal mask from
                   torch.full(-inf).triu (ConstantOfShape/Trilu), SwiGLU,
                   opset 16
  lm-2layer        token + learned position embeddings (Gather, Range), two
                   pre-norm GELU encoder layers with a causal mask, final
                   LayerNorm and an LM head tied to the token table, opset 17
  mlp-gelu         Linear/GELU/Linear/SiLU/Linear on a [batch, tokens, dim]
                   input, opset 15

Batch and sequence dimensions are exported dynamic, as real exports are, so
the Shape/Gather/Concat arithmetic snnc must fold is in every graph.

Run with Debian's interpreter (python3-torch 1.13, python3-onnx 1.12):
    /usr/bin/python3 scripts/models/transformer_families.py examples
The outputs are checked in, so tests never need PyTorch.
"""
import math
import os
import sys

import onnx
import torch
import torch.nn as nn
import torch.nn.functional as F
from onnx import numpy_helper

DIM, HEADS, FFN, SEQ, BATCH = 32, 4, 64, 8, 2
VOCAB, MAX_SEQ = 64, 16


class GPT2Block(nn.Module):
    """nanoGPT's block: the mask is a registered tril buffer cut to T."""

    def __init__(self):
        super().__init__()
        self.ln_1, self.ln_2 = nn.LayerNorm(DIM), nn.LayerNorm(DIM)
        self.c_attn, self.c_proj = nn.Linear(DIM, 3 * DIM), nn.Linear(DIM, DIM)
        self.c_fc, self.mlp_proj = nn.Linear(DIM, 4 * DIM), nn.Linear(4 * DIM, DIM)
        self.register_buffer("bias", torch.tril(torch.ones(MAX_SEQ, MAX_SEQ))
                             .view(1, 1, MAX_SEQ, MAX_SEQ))

    def forward(self, x):
        b, t, c = x.size()
        q, k, v = self.c_attn(self.ln_1(x)).split(c, dim=2)
        q = q.view(b, t, HEADS, c // HEADS).transpose(1, 2)
        k = k.view(b, t, HEADS, c // HEADS).transpose(1, 2)
        v = v.view(b, t, HEADS, c // HEADS).transpose(1, 2)
        att = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(k.size(-1)))
        att = att.masked_fill(self.bias[:, :, :t, :t] == 0, float("-inf"))
        y = (F.softmax(att, dim=-1) @ v).transpose(1, 2).contiguous()
        x = x + self.c_proj(y.view(b, t, c))
        h = F.gelu(self.c_fc(self.ln_2(x)), approximate="tanh")
        return x + self.mlp_proj(h)


class RMSNorm(nn.Module):
    def __init__(self, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.weight = nn.Parameter(1.0 + 0.1 * torch.randn(DIM))

    def forward(self, x):
        return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.eps) \
            * self.weight


def rotate_half(x):
    half = x.shape[-1] // 2
    return torch.cat((-x[..., half:], x[..., :half]), dim=-1)


class LlamaBlock(nn.Module):
    """Hugging Face's LLaMA layer, reduced: cached rotary tables, no KV cache."""

    def __init__(self):
        super().__init__()
        hd = DIM // HEADS
        self.input_norm, self.post_norm = RMSNorm(), RMSNorm()
        self.q, self.k, self.v, self.o = (nn.Linear(DIM, DIM, bias=False)
                                          for _ in range(4))
        self.gate, self.up = (nn.Linear(DIM, FFN, bias=False) for _ in range(2))
        self.down = nn.Linear(FFN, DIM, bias=False)
        inv_freq = 1.0 / (10000 ** (torch.arange(0, hd, 2).float() / hd))
        freqs = torch.outer(torch.arange(MAX_SEQ).float(), inv_freq)
        emb = torch.cat((freqs, freqs), dim=-1)
        self.register_buffer("cos_cached", emb.cos()[None, None])
        self.register_buffer("sin_cached", emb.sin()[None, None])

    def forward(self, x):
        b, t, c = x.shape
        hd = c // HEADS
        h = self.input_norm(x)
        q = self.q(h).view(b, t, HEADS, hd).transpose(1, 2)
        k = self.k(h).view(b, t, HEADS, hd).transpose(1, 2)
        v = self.v(h).view(b, t, HEADS, hd).transpose(1, 2)
        cos, sin = self.cos_cached[:, :, :t], self.sin_cached[:, :, :t]
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        mask = torch.full((t, t), float("-inf")).triu(1)
        att = q @ k.transpose(2, 3) / math.sqrt(hd) + mask
        att = F.softmax(att.float(), dim=-1).type_as(q)
        y = (att @ v).transpose(1, 2).reshape(b, t, c)
        x = x + self.o(y)
        h = self.post_norm(x)
        return x + self.down(F.silu(self.gate(h)) * self.up(h))


class TinyLM(nn.Module):
    def __init__(self):
        super().__init__()
        self.tok = nn.Embedding(VOCAB, DIM)
        self.pos = nn.Embedding(MAX_SEQ, DIM)
        self.layers = nn.ModuleList(
            nn.TransformerEncoderLayer(DIM, HEADS, FFN, dropout=0.0,
                                       activation="gelu", batch_first=True,
                                       norm_first=True) for _ in range(2))
        self.norm = nn.LayerNorm(DIM)
        self.head = nn.Linear(DIM, VOCAB, bias=False)
        self.head.weight = self.tok.weight

    def forward(self, ids):
        b, t = ids.shape
        pos = torch.arange(t, device=ids.device).unsqueeze(0).expand(b, t)
        x = self.tok(ids) + self.pos(pos)
        mask = torch.triu(torch.ones(t, t, dtype=torch.bool), diagonal=1)
        for layer in self.layers:
            x = layer(x, src_mask=mask)
        return self.head(self.norm(x))


class MLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1, self.fc2 = nn.Linear(DIM, FFN), nn.Linear(FFN, FFN)
        self.fc3 = nn.Linear(FFN, 10)

    def forward(self, x):
        return self.fc3(F.silu(self.fc2(F.gelu(self.fc1(x)))))


def encoder():
    return nn.TransformerEncoderLayer(DIM, HEADS, FFN, dropout=0.0,
                                      batch_first=True)


def float_input():
    return torch.randn(BATCH, SEQ, DIM)


def id_input():
    return torch.randint(0, VOCAB, (BATCH, SEQ))


# name: (module factory, input factory, opset, input name, output name)
MODELS = {
    "encoder-opset14": (encoder, float_input, 14, "x", "y"),
    "encoder-opset17": (encoder, float_input, 17, "x", "y"),
    "gpt2-block": (GPT2Block, float_input, 13, "x", "y"),
    "llama-block": (LlamaBlock, float_input, 16, "x", "y"),
    "lm-2layer": (TinyLM, id_input, 17, "input_ids", "logits"),
    "mlp-gelu": (MLP, float_input, 15, "x", "y"),
}


def save(array, name, path):
    with open(path, "wb") as f:
        f.write(numpy_helper.from_array(array, name).SerializeToString())


def export(out_root, name):
    make_model, make_input, opset, in_name, out_name = MODELS[name]
    torch.manual_seed(0)
    model = make_model().eval()
    x = make_input()
    out_dir = os.path.join(out_root, name)
    data_dir = os.path.join(out_dir, "test_data_set_0")
    os.makedirs(data_dir, exist_ok=True)
    path = os.path.join(out_dir, "model.onnx")
    dynamic = {0: "batch", 1: "sequence"}
    # Outside no_grad: there nn.TransformerEncoderLayer takes its fused fast
    # path, which has no ONNX export; the reference output takes the same
    # (exported) path.
    torch.onnx.export(model, x, path, opset_version=opset,
                      input_names=[in_name], output_names=[out_name],
                      dynamic_axes={in_name: dynamic, out_name: dynamic},
                      do_constant_folding=True)
    y = model(x).detach()
    onnx.checker.check_model(onnx.load(path))
    save(x.numpy(), in_name, os.path.join(data_dir, "input_0.pb"))
    save(y.numpy(), out_name, os.path.join(data_dir, "output_0.pb"))
    ops = sorted({n.op_type for n in onnx.load(path).graph.node})
    doc = (MODELS_DOC[name] + "\n\nExported by torch %s at opset %d with "
           "dynamic batch and sequence dimensions; `test_data_set_0` holds a "
           "[%s] input and PyTorch's float32 output. ONNX ops: %s.\n\n"
           "Regenerate: `/usr/bin/python3 "
           "scripts/models/transformer_families.py examples`\n"
           % (torch.__version__, opset,
              ", ".join(str(d) for d in x.shape), ", ".join(ops)))
    with open(os.path.join(out_dir, "README.md"), "w") as f:
        f.write("# %s\n\n%s" % (name, doc))


MODELS_DOC = {
    "encoder-opset14": "A PyTorch `nn.TransformerEncoderLayer` (d_model %d, "
                       "%d heads, feed-forward %d, post-norm, ReLU), the "
                       "LayerNorms decomposed as opset 14 exports them."
                       % (DIM, HEADS, FFN),
    "encoder-opset17": "The `nn.TransformerEncoderLayer` of encoder-opset14 "
                       "exported at opset 17, with `LayerNormalization`.",
    "gpt2-block": "A GPT-2 (nanoGPT) block: pre-norm, fused QKV projection "
                  "split in three, tanh GELU, causal mask sliced from a "
                  "registered tril buffer and applied with masked_fill.",
    "llama-block": "A LLaMA decoder layer: RMSNorm, rotary position "
                   "embeddings from cached cos/sin tables, causal mask from "
                   "`torch.full(-inf).triu(1)`, SwiGLU feed-forward, no "
                   "biases.",
    "lm-2layer": "A two-layer language model: token and learned position "
                 "embeddings (vocabulary %d), two pre-norm GELU "
                 "`nn.TransformerEncoderLayer`s with a boolean causal mask, "
                 "a final LayerNorm and an LM head tied to the token table."
                 % VOCAB,
    "mlp-gelu": "An MLP (Linear, exact GELU, Linear, SiLU, Linear) applied "
                "to every token of a [batch, tokens, %d] input." % DIM,
}


def main(out_root):
    for name in MODELS:
        export(out_root, name)
        print("wrote", os.path.join(out_root, name))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "examples")
