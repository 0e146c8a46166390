# expect: nothing
# why: torch Module.eval() switches to inference mode, not the eval builtin
# tricky
import torch
from torch import nn

model = nn.Sequential(nn.Linear(96, 32), nn.ReLU(), nn.Linear(32, 2))
model.eval()
with torch.no_grad():
    tunes = model(torch.zeros(1, 96))
print(tunes)
